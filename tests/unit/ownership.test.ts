import { describe, expect, it } from 'vitest';
import { ownershipBalance, type Action } from '../../functions/src/domain';

const here = '8000000000000abcdef';
const earlier = '8100000000000abcdef';

function action(owner: Action['owner'], status: Action['status'] = 'open', conversationId = here) {
  return { owner, status, conversationId };
}

describe('the ownership rule', () => {
  it('fails at 0/0 and asks for an employee-owned action', () => {
    const balance = ownershipBalance(here, []);
    expect(balance).toMatchObject({ employee: 0, manager: 0, satisfied: false });
    expect(balance.reason).toMatch(/at least one action that the employee owns/);
  });

  it('fails on equal counts and says how many more the employee needs', () => {
    const balance = ownershipBalance(here, [action('employee'), action('manager')]);
    expect(balance).toMatchObject({ employee: 1, manager: 1, satisfied: false });
    expect(balance.reason).toMatch(/manager owns 1 action and the employee 1/);
    expect(balance.reason).toMatch(/one more action/);
  });

  it('fails when only the manager owns actions', () => {
    const balance = ownershipBalance(here, [action('manager'), action('manager')]);
    expect(balance).toMatchObject({ employee: 0, manager: 2, satisfied: false });
    expect(balance.reason).toMatch(/3 more actions/);
  });

  it('holds when the employee owns strictly more', () => {
    expect(ownershipBalance(here, [action('employee'), action('employee'), action('manager')])).toEqual({
      employee: 2,
      manager: 1,
      satisfied: true,
    });
  });

  it('does not count dropped actions', () => {
    const balance = ownershipBalance(here, [action('employee'), action('employee', 'dropped'), action('manager')]);
    expect(balance).toMatchObject({ employee: 1, manager: 1, satisfied: false });
  });

  it('counts done actions, which were agreed all the same', () => {
    expect(ownershipBalance(here, [action('employee', 'done'), action('manager')]).satisfied).toBe(false);
    expect(ownershipBalance(here, [action('employee', 'done'), action('employee')]).satisfied).toBe(true);
  });

  it('counts carried actions where they were agreed, not here', () => {
    const carried = [action('employee', 'open', earlier), action('employee', 'open', earlier)];
    const balance = ownershipBalance(here, [...carried, action('manager')]);
    expect(balance).toMatchObject({ employee: 0, manager: 1, satisfied: false });
  });
});
