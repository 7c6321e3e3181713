import { buildTabPreview } from '../../functions/dev/build-tab';

/** Builds the tab and its host emulator once for the whole run; the browser tests serve the result. */
export default async function setup(): Promise<void> {
  await buildTabPreview();
}
