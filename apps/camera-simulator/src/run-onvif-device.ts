import { OnvifDeviceSimulator, type OnvifTrigger } from '@ecogate/camera-simulator';
import { createInterface } from 'node:readline';

const TRIGGERS: readonly OnvifTrigger[] = ['digital-input', 'motion', 'tamper'];

/**
 * `main.ts onvif [port] [rtspUri]`: serves a simulated ONVIF camera on 127.0.0.1 until stdin
 * closes. Login from ONVIF_SIM_USERNAME / ONVIF_SIM_PASSWORD. Commands on stdin, one per line:
 * `trigger <digital-input|motion|tamper> [off]`, `offline <seconds>`, `skew <ms>`, `relays`.
 */
export async function runOnvifDevice(args: readonly string[]): Promise<void> {
  const [port = '0', rtspUri] = args;
  const device = new OnvifDeviceSimulator({
    account: {
      username: process.env['ONVIF_SIM_USERNAME'] ?? 'admin',
      password: process.env['ONVIF_SIM_PASSWORD'] ?? 'admin12345',
    },
    ...(rtspUri ? { rtspUri } : {}),
  });
  console.log(`ONVIF device at ${await device.start(Number(port))}/onvif/device_service`);
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument, flag] = line.trim().split(/\s+/);
    if (command === 'trigger' && TRIGGERS.includes(argument as OnvifTrigger)) {
      device.trigger(argument as OnvifTrigger, flag !== 'off');
    } else if (command === 'offline' && Number(argument) > 0) {
      device.goOffline(Number(argument));
    } else if (command === 'skew' && Number.isFinite(Number(argument))) {
      device.setClockSkew(Number(argument));
    } else if (command === 'relays') {
      console.log(JSON.stringify(device.relayCommands));
    } else if (command) {
      console.error(
        'commands: trigger <digital-input|motion|tamper> [off] | offline <s> | skew <ms> | relays',
      );
    }
  }
  await device.stop();
}
