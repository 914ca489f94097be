import { createRawImage } from '../image/raw-image';
import { type PlateEngine } from './plate-engine.interface';

/**
 * Runs every model once on a blank input, so the first real request does not pay for
 * onnxruntime's lazy allocations (the first `session.run` is several times slower).
 */
export async function warmUp(engine: PlateEngine): Promise<number> {
  const started = performance.now();
  const blank = createRawImage(640, 480);
  blank.data.fill(114);
  for (const detector of engine.detectors) await detector.detect(blank);
  const plate = createRawImage(168, 48);
  await engine.recogniser.recognise([plate, plate]);
  if (engine.secondRecogniser) await engine.secondRecogniser.recognise([plate]);
  if (engine.colourClassifier) await engine.colourClassifier.classify([plate]);
  return performance.now() - started;
}
