import { type AnprPush, type PushLimits } from '../push/anpr-push.adapter';
import { dahuaPlateRead, dahuaTrafficSchema, validDahuaEvent } from '../push/dahua/dahua-traffic-event';
import { IngestException } from '../push/ingest.exception';
import { jpegImage } from '../push/push-parsing';
import { type DahuaStreamEvent } from './dahua-stream-events';

/**
 * A traffic event from the stream as a plate read, by the same validation and mapping as the JSON
 * push (`dahuaPlateRead`): the first picture is the scene, the second the plate crop. The event part
 * is kept as the raw payload. Bad input is an `IngestException`, as for a push.
 */
export function dahuaStreamPlateRead(event: DahuaStreamEvent, limits: PushLimits): AnprPush {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch (error) {
    throw new IngestException('malformed-payload', `event data is not JSON: ${(error as Error).message}`);
  }
  const traffic = validDahuaEvent(dahuaTrafficSchema, { Code: event.code, Data: data });
  const [scene, plate] = event.images;
  return dahuaPlateRead(
    traffic,
    {
      ...(scene ? { scene: jpegImage('scene picture', scene, limits) } : {}),
      ...(plate ? { plate: jpegImage('plate picture', plate, limits) } : {}),
    },
    { bytes: event.text, contentType: 'text/plain', ext: 'txt' },
  );
}
