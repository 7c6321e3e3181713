import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { decodePng } from './png';

/**
 * `npm run package -- --env <name>`: fills manifest/manifest.json from env/.env.<name> (variables
 * set in the environment win), checks it offline against Microsoft's schema and our own rules, and
 * writes the zip an admin uploads in the Teams admin center.
 */

const MANIFEST_DIR = import.meta.dirname;
const REPO_ROOT = dirname(MANIFEST_DIR);
const require = createRequire(import.meta.url);
const SCHEMA_VERSION = '1.30';

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The app package was not written:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

/** KEY=VALUE lines; # starts a comment; values may be quoted. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const [, name, value] = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line) ?? [];
    if (name === undefined || value === undefined || line.trimStart().startsWith('#')) continue;
    values[name] = value.replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** What each placeholder must look like, in words an admin can act on. */
const RULES: Record<string, { test: (value: string) => boolean; expect: string }> = {
  TEAMS_APP_ID: { test: (value) => GUID.test(value), expect: 'a GUID' },
  ENTRA_CLIENT_ID: { test: (value) => GUID.test(value), expect: 'the app registration’s client id (a GUID)' },
  APP_VERSION: { test: (value) => /^\d+\.\d+\.\d+$/.test(value), expect: 'a version like 1.0.0' },
  TAB_DOMAIN: {
    test: (value) => HOSTNAME.test(value),
    expect: 'a host name such as career.contoso.com, without https:// or a path',
  },
  DEVELOPER_NAME: { test: (value) => value.length > 0 && value.length <= 32, expect: 'a name of up to 32 characters' },
  DEVELOPER_WEBSITE_URL: { test: (value) => /^https:\/\/\S+$/.test(value), expect: 'an https:// URL' },
  PRIVACY_URL: { test: (value) => /^https:\/\/\S+$/.test(value), expect: 'an https:// URL' },
  TERMS_OF_USE_URL: { test: (value) => /^https:\/\/\S+$/.test(value), expect: 'an https:// URL' },
};

/** Replaces ${{NAME}} placeholders; names every one that is missing or malformed. */
export function fillTemplate(
  template: string,
  values: Record<string, string | undefined>,
): { text: string; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const text = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const value = values[name]?.trim();
    if (!seen.has(name)) {
      seen.add(name);
      if (!value) problems.push(`${name} is not set.`);
      else if (RULES[name] && !RULES[name].test(value))
        problems.push(`${name} must be ${RULES[name].expect}; it is "${value}".`);
    }
    return JSON.stringify(value ?? '').slice(1, -1);
  });
  return { text, problems };
}

interface ExtensionIcon {
  size?: number;
  url?: string;
}
interface ExtensionControl {
  id?: string;
  actionId?: string;
  icons?: ExtensionIcon[];
}
interface ManifestShape {
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string };
  staticTabs?: { contentUrl?: string; websiteUrl?: string }[];
  configurableTabs?: { configurationUrl?: string }[];
  icons?: { color?: string; outline?: string };
  authorization?: { permissions?: { resourceSpecific?: { name?: string; type?: string }[] } };
  extensions?: {
    runtimes?: { id?: string; code?: { page?: string; script?: string }; actions?: { id?: string }[] }[];
    ribbons?: {
      tabs?: { groups?: (ExtensionControl & { controls?: ExtensionControl[] })[] }[];
    }[];
  }[];
}

/**
 * The permissions the app may ask for, and why: a manifest asking for anything else is refused. ChatMember.Read.Chat
 * suggests the pair in a meeting's side panel; TeamsActivity.Send.User sends the nudges to the activity feed of each
 * person who has the app installed; MailboxItem.ReadWrite.User lets the Outlook add-in write into the invite being
 * composed (the lowest Outlook permission that can).
 */
export const ALLOWED_PERMISSIONS: readonly string[] = [
  'ChatMember.Read.Chat',
  'TeamsActivity.Send.User',
  'MailboxItem.ReadWrite.User',
];

/** The sizes Outlook's ribbon asks of a button's and a group's icons. */
export const RIBBON_ICON_SIZES: readonly number[] = [16, 32, 80];

/** Where a ribbon icon's URL path is served from in the built tab: tab/public. */
const TAB_PUBLIC_DIR = join(REPO_ROOT, 'tab/public');

/** The PNG the tab serves at a path (tab/public/<path>), or null. */
export function tabPublicFile(path: string): Buffer | null {
  const file = join(TAB_PUBLIC_DIR, path);
  return file.startsWith(TAB_PUBLIC_DIR) && existsSync(file) ? readFileSync(file) : null;
}

/**
 * The Outlook add-in's rules beyond the schema: every ribbon button's actionId is a runtime's action, every page and
 * icon is https on the tab's domain, icons come at 16, 32 and 80 px and the files at those URLs have those sizes,
 * and the permissions are on the allow-list.
 */
export function checkExtensionRules(manifest: ManifestShape, servedFile: (path: string) => Buffer | null): string[] {
  const problems: string[] = [];
  const tabDomain = manifest.validDomains?.[0];
  const onTabDomain = (url: string | undefined, what: string) => {
    const parsed = url && URL.canParse(url) ? new URL(url) : null;
    if (parsed?.protocol !== 'https:' || parsed.hostname !== tabDomain) {
      problems.push(
        `${what} must be an https:// URL on the tab's domain (${tabDomain ?? 'none'}); it is "${url ?? ''}".`,
      );
      return null;
    }
    return parsed;
  };
  for (const permission of manifest.authorization?.permissions?.resourceSpecific ?? []) {
    if (!ALLOWED_PERMISSIONS.includes(permission.name ?? ''))
      problems.push(`The permission ${permission.name ?? '(unnamed)'} is not on the allow-list.`);
  }
  for (const extension of manifest.extensions ?? []) {
    const actions = new Set<string>();
    for (const runtime of extension.runtimes ?? []) {
      for (const action of runtime.actions ?? []) if (action.id) actions.add(action.id);
      if (runtime.code?.page) onTabDomain(runtime.code.page, `Runtime ${runtime.id ?? ''}'s code.page`);
      if (runtime.code?.script) onTabDomain(runtime.code.script, `Runtime ${runtime.id ?? ''}'s code.script`);
    }
    const checkIcons = (owner: ExtensionControl, what: string) => {
      const sizes = (owner.icons ?? []).map((icon) => icon.size ?? 0).sort((a, b) => a - b);
      if (sizes.join() !== RIBBON_ICON_SIZES.join())
        problems.push(
          `${what} needs icons of ${RIBBON_ICON_SIZES.join(', ')} px; it has ${sizes.join(', ') || 'none'}.`,
        );
      for (const icon of owner.icons ?? []) {
        const url = onTabDomain(icon.url, `${what}'s ${icon.size ?? '?'} px icon`);
        if (!url) continue;
        const file = servedFile(decodeURIComponent(url.pathname));
        if (!file) {
          problems.push(`${what}'s icon ${url.pathname} is not in tab/public, so the tab does not serve it.`);
          continue;
        }
        const { width, height } = decodePng(file);
        if (width !== icon.size || height !== icon.size)
          problems.push(
            `${url.pathname} must be ${icon.size ?? '?'}×${icon.size ?? '?'} pixels; it is ${width}×${height}.`,
          );
      }
    };
    for (const ribbon of extension.ribbons ?? []) {
      for (const tab of ribbon.tabs ?? []) {
        for (const group of tab.groups ?? []) {
          checkIcons(group, `Ribbon group ${group.id ?? ''}`);
          for (const control of group.controls ?? []) {
            checkIcons(control, `Ribbon control ${control.id ?? ''}`);
            if (!control.actionId || !actions.has(control.actionId))
              problems.push(
                `Ribbon control ${control.id ?? ''}'s actionId "${control.actionId ?? ''}" is no runtime's action.`,
              );
          }
        }
      }
    }
  }
  return problems;
}

/** Our rules on top of the schema: every page on a valid domain, SSO resource matching, icon sizes and colours. */
export function checkOwnRules(manifest: ManifestShape, icons: { color: Buffer; outline: Buffer }): string[] {
  const problems: string[] = [];
  const domains = new Set(manifest.validDomains ?? []);
  const urls = [
    ...(manifest.staticTabs ?? []).flatMap((tab) => [tab.contentUrl, tab.websiteUrl]),
    ...(manifest.configurableTabs ?? []).map((tab) => tab.configurationUrl),
  ].filter((url): url is string => Boolean(url));
  for (const url of urls) {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (parsed?.protocol !== 'https:') problems.push(`${url} must be an https:// URL.`);
    else if (!domains.has(parsed.hostname)) problems.push(`${url} is not on a domain listed in validDomains.`);
  }
  const info = manifest.webApplicationInfo;
  const resource = info?.resource ?? '';
  const expected = [...domains].map((domain) => `api://${domain}/${info?.id ?? ''}`);
  if (!expected.includes(resource))
    problems.push(`webApplicationInfo.resource must be api://<tab domain>/<client id>; it is "${resource}".`);

  const color = decodePng(icons.color);
  if (color.width !== 192 || color.height !== 192)
    problems.push(`The colour icon must be 192×192 pixels; it is ${color.width}×${color.height}.`);
  const outline = decodePng(icons.outline);
  if (outline.width !== 32 || outline.height !== 32)
    problems.push(`The outline icon must be 32×32 pixels; it is ${outline.width}×${outline.height}.`);
  for (let index = 0; index < outline.pixels.length; index += 4) {
    const [r = 0, g = 0, b = 0, a = 0] = outline.pixels.subarray(index, index + 4);
    if (a > 0 && (r < 250 || g < 250 || b < 250)) {
      problems.push('The outline icon must be white on a transparent background.');
      break;
    }
  }
  return problems;
}

/** Microsoft's own schema, from the copy @microsoft/app-manifest ships: no download. */
export async function checkSchema(manifest: object): Promise<string[]> {
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaPath = join(packageDir, `build/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const failures = await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
  return failures.map((failure) => `Schema: ${failure.trim()}`);
}

export interface PackageOptions {
  envName: string;
  environment?: Record<string, string | undefined>;
  outDir?: string;
}

export async function buildAppPackage(
  options: PackageOptions,
): Promise<{ zipPath: string; manifest: Record<string, unknown> }> {
  const envFile = join(REPO_ROOT, 'env', `.env.${options.envName}`);
  const fromFile = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  const environment = options.environment ?? process.env;
  const values: Record<string, string | undefined> = { ...fromFile };
  for (const name of Object.keys(RULES)) if (environment[name]) values[name] = environment[name];
  if (!existsSync(envFile) && Object.keys(RULES).every((name) => !environment[name])) {
    throw new PackageError([
      `There is no env/.env.${options.envName} and none of its variables is set in the environment.`,
    ]);
  }
  const { text, problems } = fillTemplate(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), values);
  if (problems.length > 0) throw new PackageError(problems);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const icons = {
    color: readFileSync(join(MANIFEST_DIR, 'color.png')),
    outline: readFileSync(join(MANIFEST_DIR, 'outline.png')),
  };
  const failures = [
    ...(await checkSchema(manifest)),
    ...checkOwnRules(manifest, icons),
    ...checkExtensionRules(manifest, tabPublicFile),
  ];
  if (failures.length > 0) throw new PackageError(failures);

  const outDir = options.outDir ?? join(REPO_ROOT, 'dist/app-package');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `career-conversations-${options.envName}.zip`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  zip.addFile('color.png', icons.color);
  zip.addFile('outline.png', icons.outline);
  zip.writeZip(zipPath);
  return { zipPath, manifest };
}

if (process.argv[1]?.endsWith('package.ts')) {
  const envIndex = process.argv.indexOf('--env');
  const envName = envIndex > 0 ? process.argv[envIndex + 1] : undefined;
  if (!envName || !/^[a-z0-9-]+$/.test(envName)) {
    console.error('Usage: npm run package -- --env <name>   (reads env/.env.<name>, for example --env example)');
    process.exit(1);
  }
  try {
    const { zipPath } = await buildAppPackage({ envName });
    console.log(
      `Wrote ${zipPath}: checked against the Teams manifest schema v${SCHEMA_VERSION} and our rules. Upload it in the Teams admin center (Manage apps → Upload new app); its Outlook add-in is deployed in the Microsoft 365 admin center (Settings → Integrated apps).`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
