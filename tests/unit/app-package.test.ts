import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PackageError,
  buildAppPackage,
  checkExtensionRules,
  checkOwnRules,
  checkSchema,
  fillTemplate,
  parseEnvFile,
  tabPublicFile,
} from '../../manifest/package';
import { decodePng, encodePng } from '../../manifest/png';

const outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

interface PackagedManifest {
  [key: string]: unknown;
  configurableTabs: Record<string, unknown>[];
  staticTabs: { name: string }[];
}

const example = parseEnvFile(readFileSync(join(import.meta.dirname, '../../env/.env.example'), 'utf8'));

async function problemsOf(environment: Record<string, string>): Promise<string[]> {
  try {
    await buildAppPackage({ envName: 'example', environment, outDir });
  } catch (error) {
    if (error instanceof PackageError) return error.problems;
    throw error;
  }
  return [];
}

describe('the Teams app package', () => {
  it('fills the template from env/.env.example, passes Microsoft’s schema and our rules, and zips manifest and icons', async () => {
    const { zipPath, manifest } = await buildAppPackage({ envName: 'example', environment: {}, outDir });
    const zip = new AdmZip(zipPath);
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(zip.readAsText('manifest.json')) as PackagedManifest;
    expect(packaged).toEqual(manifest);
    expect(JSON.stringify(packaged)).not.toMatch(/\$\{\{/);
    expect(packaged.manifestVersion).toBe('1.30');
    expect(packaged.id).toBe(example.TEAMS_APP_ID);
    expect(packaged.webApplicationInfo).toEqual({
      id: example.ENTRA_CLIENT_ID,
      resource: `api://${example.TAB_DOMAIN}/${example.ENTRA_CLIENT_ID}`,
    });
    expect(packaged.validDomains).toEqual([example.TAB_DOMAIN]);
    // The meeting side panel, the meeting chat and details tabs, and two personal tabs.
    expect(packaged.configurableTabs[0]).toMatchObject({
      scopes: ['groupChat'],
      context: ['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab'],
      meetingSurfaces: ['sidePanel'],
    });
    expect(packaged.staticTabs.map((tab) => tab.name)).toEqual(['My plan', 'My team']);
    // Resource-specific permissions only: the members of a meeting chat the app is added to (to suggest the
    // pair), the activity feed of each person who has the app installed (the nudges), granted by the
    // installation itself: no tenant-wide TeamsActivity.Send; and, for the Outlook add-in, writing into the
    // invite being composed.
    expect(packaged.authorization).toEqual({
      permissions: {
        resourceSpecific: [
          { name: 'ChatMember.Read.Chat', type: 'Application' },
          { name: 'TeamsActivity.Send.User', type: 'Application' },
          { name: 'MailboxItem.ReadWrite.User', type: 'Delegated' },
        ],
      },
    });
    // The Outlook add-in: one button on the organizer's meeting form, opening the pane on the tab's domain.
    expect(packaged.extensions).toMatchObject([
      {
        requirements: { scopes: ['mail'], capabilities: [{ name: 'Mailbox', minVersion: '1.1' }] },
        runtimes: [{ code: { page: `https://${example.TAB_DOMAIN}/addin.html` }, actions: [{ type: 'openPage' }] }],
        ribbons: [{ contexts: ['meetingDetailsOrganizer'] }],
      },
    ]);
    expect(checkExtensionRules(packaged as Parameters<typeof checkExtensionRules>[0], tabPublicFile)).toEqual([]);
    expect(await checkSchema(packaged)).toEqual([]);
  });

  it('is really checked against the schema: a broken manifest fails it', async () => {
    const { manifest } = await buildAppPackage({ envName: 'example', environment: {}, outDir });
    const broken = { ...manifest, staticTabs: [{ entityId: 'x', scopes: ['everywhere'] }], accentColor: 'blue' };
    const failures = await checkSchema(broken);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join('\n')).toMatch(/accentColor|scopes/);
  });

  it('names every missing or malformed value and writes nothing', async () => {
    const problems = await problemsOf({
      TEAMS_APP_ID: 'my-app',
      TAB_DOMAIN: 'https://career.contoso.com/app',
      PRIVACY_URL: 'http://insecure.example',
    });
    expect(problems.sort()).toEqual([
      'PRIVACY_URL must be an https:// URL; it is "http://insecure.example".',
      'TAB_DOMAIN must be a host name such as career.contoso.com, without https:// or a path; it is "https://career.contoso.com/app".',
      'TEAMS_APP_ID must be a GUID; it is "my-app".',
    ]);
    const { problems: missing } = fillTemplate('{"a":"${{TEAMS_APP_ID}}","b":"${{ENTRA_CLIENT_ID}}"}', {});
    expect(missing).toEqual(['TEAMS_APP_ID is not set.', 'ENTRA_CLIENT_ID is not set.']);
    await expect(buildAppPackage({ envName: 'nowhere', environment: {}, outDir })).rejects.toThrow(
      /no env\/\.env\.nowhere/,
    );
  });

  it('escapes values so that a quote cannot break the manifest', () => {
    const { text } = fillTemplate('{"name":"${{DEVELOPER_NAME}}"}', { DEVELOPER_NAME: 'Contoso "HR"' });
    expect(JSON.parse(text)).toEqual({ name: 'Contoso "HR"' });
  });

  it('checks domains, the SSO resource and the icons', () => {
    const white = encodePng({ width: 32, height: 32, pixels: new Uint8Array(32 * 32 * 4).fill(255) });
    const colour = readFileSync(join(import.meta.dirname, '../../manifest/color.png'));
    const manifest = {
      validDomains: ['career.contoso.com'],
      webApplicationInfo: { id: 'c', resource: 'api://elsewhere.com/c' },
      staticTabs: [{ contentUrl: 'https://evil.example/index.html' }],
      configurableTabs: [{ configurationUrl: 'http://career.contoso.com/config' }],
    };
    const red = new Uint8Array(32 * 32 * 4);
    red.set([255, 0, 0, 255], 0);
    expect(
      checkOwnRules(manifest, { color: white, outline: encodePng({ width: 32, height: 32, pixels: red }) }),
    ).toEqual([
      'https://evil.example/index.html is not on a domain listed in validDomains.',
      'http://career.contoso.com/config must be an https:// URL.',
      'webApplicationInfo.resource must be api://<tab domain>/<client id>; it is "api://elsewhere.com/c".',
      'The colour icon must be 192×192 pixels; it is 32×32.',
      'The outline icon must be white on a transparent background.',
    ]);
    expect(
      checkOwnRules(
        {
          ...manifest,
          staticTabs: [],
          configurableTabs: [],
          webApplicationInfo: { id: 'c', resource: 'api://career.contoso.com/c' },
        },
        { color: colour, outline: white },
      ),
    ).toEqual([]);
  });

  it('checks the Outlook add-in: actions, pages and icons on the tab’s domain, icon sizes, allowed permissions', async () => {
    const { manifest } = await buildAppPackage({ envName: 'example', environment: {}, outDir });
    const broken = JSON.parse(JSON.stringify(manifest)) as {
      extensions: {
        runtimes: { code: { page: string } }[];
        ribbons: {
          tabs: { groups: { controls: { actionId: string; icons: { size: number; url: string }[] }[] }[] }[];
        }[];
      }[];
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    const extension = broken.extensions[0]!;
    extension.runtimes[0]!.code.page = 'https://evil.example/addin.html';
    const control = extension.ribbons[0]!.tabs[0]!.groups[0]!.controls[0]!;
    control.actionId = 'Nowhere';
    // An icon of the wrong size at a declared size, and a size missing.
    control.icons = [
      { size: 16, url: `https://${example.TAB_DOMAIN}/addin/icon-32.png` },
      { size: 32, url: `https://${example.TAB_DOMAIN}/addin/icon-32.png` },
    ];
    broken.authorization.permissions.resourceSpecific.push({ name: 'Mail.ReadWrite', type: 'Delegated' });
    expect(checkExtensionRules(broken, tabPublicFile)).toEqual([
      'The permission Mail.ReadWrite is not on the allow-list.',
      `Runtime AgendaPaneRuntime's code.page must be an https:// URL on the tab's domain (${example.TAB_DOMAIN}); it is "https://evil.example/addin.html".`,
      'Ribbon control CareerAgendaButton needs icons of 16, 32, 80 px; it has 16, 32.',
      '/addin/icon-32.png must be 16×16 pixels; it is 32×32.',
      'Ribbon control CareerAgendaButton\'s actionId "Nowhere" is no runtime\'s action.',
    ]);
  });

  it('ships icons of the right size: 192×192 in colour, 32×32 white on transparent', () => {
    const colour = decodePng(readFileSync(join(import.meta.dirname, '../../manifest/color.png')));
    const outline = decodePng(readFileSync(join(import.meta.dirname, '../../manifest/outline.png')));
    expect([colour.width, colour.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    const alphas = new Set<number>();
    for (let index = 3; index < outline.pixels.length; index += 4) alphas.add(outline.pixels[index]!);
    expect(alphas.has(0)).toBe(true);
  });
});
