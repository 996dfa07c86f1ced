/**
 * How the browser tests start Debian's Chromium: the machine's own binary (no download), and no
 * calls home, which a closed network would refuse many at a time.
 */
export function chromiumLaunch(extraArgs: string[] = []) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}

/** A fake camera and microphone that needs no permission prompt; the microphone plays `wavFile`. */
export function fakeMediaArgs(wavFile: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavFile}`,
  ];
}
