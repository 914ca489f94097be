import {
  ONVIF_QUIRKS,
  OnvifDeviceSimulator,
  type OnvifTrigger,
  parseQuirks,
  QUIRK_DESCRIPTIONS,
} from '@ecogate/camera-simulator';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const TRIGGERS: readonly OnvifTrigger[] = ['digital-input', 'motion', 'tamper'];
const QUIRKS_FLAG = '--quirks=';

/**
 * `main.ts onvif [port] [rtspUri] [--quirks=a,b]`: serves a simulated ONVIF camera on 127.0.0.1
 * until stdin closes. Login from ONVIF_SIM_USERNAME / ONVIF_SIM_PASSWORD; quirks (default none: the
 * strict device) from the flag or ONVIF_SIM_QUIRKS. Commands on stdin, one per line:
 * `trigger <digital-input|motion|tamper> [off]`, `offline <seconds>`, `skew <ms>`, `relays`,
 * `view <file.jpg>` (the snapshot shows that picture: a shifted, covered, blurred scene) / `view sample`.
 */
export async function runOnvifDevice(args: readonly string[]): Promise<void> {
  const flag = args.find((arg) => arg.startsWith(QUIRKS_FLAG));
  const [port = '0', rtspUri] = args.filter((arg) => !arg.startsWith('--'));
  let quirks;
  try {
    quirks = parseQuirks(flag ? flag.slice(QUIRKS_FLAG.length) : process.env['ONVIF_SIM_QUIRKS']);
  } catch (error) {
    console.error((error as Error).message);
    for (const quirk of ONVIF_QUIRKS) console.error(`  ${quirk}: ${QUIRK_DESCRIPTIONS[quirk]}`);
    process.exit(2);
  }
  const device = new OnvifDeviceSimulator({
    account: {
      username: process.env['ONVIF_SIM_USERNAME'] ?? 'admin',
      password: process.env['ONVIF_SIM_PASSWORD'] ?? 'admin12345',
    },
    ...(rtspUri ? { rtspUri } : {}),
    quirks,
  });
  const url = await device.start(Number(port));
  console.log(
    `ONVIF device at ${url}/onvif/device_service (${quirks.length ? quirks.join(', ') : 'strict'})`,
  );
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument, option] = line.trim().split(/\s+/);
    if (command === 'trigger' && TRIGGERS.includes(argument as OnvifTrigger)) {
      device.trigger(argument as OnvifTrigger, option !== 'off');
    } else if (command === 'offline' && Number(argument) > 0) {
      device.goOffline(Number(argument));
    } else if (command === 'skew' && Number.isFinite(Number(argument))) {
      device.setClockSkew(Number(argument));
    } else if (command === 'view' && argument) {
      try {
        device.showView(argument === 'sample' ? undefined : readFileSync(argument));
      } catch (error) {
        console.error(`view: ${(error as Error).message}`);
      }
    } else if (command === 'relays') {
      console.log(JSON.stringify(device.relayCommands));
    } else if (command) {
      console.error(
        'commands: trigger <digital-input|motion|tamper> [off] | offline <s> | skew <ms> | relays | ' +
          'view <file.jpg|sample>',
      );
    }
  }
  await device.stop();
}
