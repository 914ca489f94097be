import { CameraSimulator, type SimulatedVendor } from '@ecogate/camera-simulator';
import { runOnvifDevice } from './run-onvif-device';

// Standalone camera: `tsx apps/camera-simulator/src/main.ts <hikvision|vzenith|dahua> <pushUrl> <plate>...`
// pushes one read per plate, then prints what came back.
async function main(): Promise<void> {
  const [vendor, pushUrl, ...plates] = process.argv.slice(2);
  // `main.ts onvif [port] [rtspUri]`: a simulated ONVIF camera, scripted from stdin.
  if (vendor === 'onvif') return runOnvifDevice(process.argv.slice(3));
  if (!['hikvision', 'vzenith', 'dahua'].includes(vendor ?? '') || !pushUrl || plates.length === 0) {
    console.error('usage: main.ts <hikvision|vzenith|dahua> <pushUrl> <plate>...');
    process.exit(2);
  }
  const camera = new CameraSimulator({ vendor: vendor as SimulatedVendor, pushUrl });
  for (const plate of plates) await camera.arrive({ plate });
  console.log(JSON.stringify(camera.commands, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
