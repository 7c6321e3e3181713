import { readOrgChart } from '../src/directory';
import { dataPaths, orgChartFile } from './dev-env';
import { loadOrCreateDevKeys, mintDevToken } from './dev-identity';

/** `npm run token -- <short name>` prints a dev token for a person of the demo organisation, and nothing else. */
const shortName = process.argv[2];
const chart = readOrgChart(orgChartFile());
const people = chart.tenants.flatMap((tenant) =>
  tenant.people.map((entry) => ({ ...entry, tenantId: tenant.tenantId })),
);
const person = people.find((entry) => entry.shortName === shortName);
if (!person) {
  console.error(
    `Usage: npm run -s token -- <name>, where <name> is one of: ${people.map((entry) => entry.shortName).join(', ')}.`,
  );
  process.exit(1);
}
const paths = dataPaths();
const keys = await loadOrCreateDevKeys(paths.devKeys, paths.devJwks);
process.stdout.write(
  `${await mintDevToken(keys, { tenantId: person.tenantId, userId: person.id, name: person.displayName })}\n`,
);
