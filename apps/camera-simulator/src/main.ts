import { CameraSimulator, type SimulatedVendor } from '@ecogate/camera-simulator';

// Standalone camera: `tsx apps/camera-simulator/src/main.ts <hikvision|vzenith> <pushUrl> <plate>...`
// pushes one read per plate, then prints what came back.
async function main(): Promise<void> {
  const [vendor, pushUrl, ...plates] = process.argv.slice(2);
  if ((vendor !== 'hikvision' && vendor !== 'vzenith') || !pushUrl || plates.length === 0) {
    console.error('usage: main.ts <hikvision|vzenith> <pushUrl> <plate>...');
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
