import { readFileSync } from 'node:fs';
import { DEMO_ORG_CHART } from '../../functions/dev/dev-env';
import type { OrgChart } from '../../functions/src/directory';

/** The demo organisation, plus a second tenant in which one user has the same object id as Ava. */
export function testOrgChart(): OrgChart {
  const demo = JSON.parse(readFileSync(DEMO_ORG_CHART, 'utf8')) as OrgChart;
  const contoso = demo.tenants[0]!;
  const ava = contoso.people.find((person) => person.shortName === 'ava')!;
  // An administrator of the organisation: no reporting line to anyone whose plan is tested.
  contoso.people.push({
    id: 'f0e1d2c3-b4a5-4968-8776-655443322110',
    shortName: 'admin',
    displayName: 'Alex Admin',
    jobTitle: 'Microsoft 365 administrator',
    managerId: null,
  });
  return {
    tenants: [
      contoso,
      {
        tenantId: '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09',
        name: 'Fabrikam (test)',
        people: [
          {
            id: 'c3d9e1f2-0a4b-4c5d-9e8f-7a6b5c4d3e2f',
            shortName: 'fabrikam-manager',
            displayName: 'Frank Fabrikam',
            managerId: null,
          },
          // Same object id as Ava in Contoso: ids are only unique within a tenant.
          {
            id: ava.id,
            shortName: 'fabrikam-ava',
            displayName: 'Ava Fabrikam',
            managerId: 'c3d9e1f2-0a4b-4c5d-9e8f-7a6b5c4d3e2f',
          },
        ],
      },
    ],
  };
}
