// Every generated chart file and its content: values.yaml and values.schema.json of each chart,
// and the umbrella's Kafka layout. `generate.ts` writes them; `charts.spec.ts` checks they are current.
import { readFileSync } from 'node:fs';
import { format } from 'prettier';
import { kafkaPlan, parseAclTable } from './kafka-plan';
import { ACL_TABLE } from './paths';
import { profileYaml } from './profiles';
import { barrierControl } from './services/barrier-control';
import { cameraIngest } from './services/camera-ingest';
import { gateway } from './services/gateway';
import { ledger } from './services/ledger';
import { plateRecognition } from './services/plate-recognition';
import { provincialUpload } from './services/provincial-upload';
import { type ServiceChart } from './services/service-chart';
import { CITIES } from './sizing';
import { videoArchive } from './services/video-archive';
import { umbrellaSchema, umbrellaSpec } from './umbrella';
import { valuesSchema, valuesYaml } from './values-spec';

/** The service charts, in the order the umbrella lists its dependencies. */
export const SERVICE_CHARTS: readonly ServiceChart[] = [
  gateway,
  cameraIngest,
  plateRecognition,
  barrierControl,
  ledger,
  videoArchive,
  provincialUpload,
];

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

// Formatted as `npm run format` would (the repository's .prettierrc), so `format:check` stays green.
const PRETTIER = { singleQuote: true, printWidth: 110, trailingComma: 'all' } as const;
const yaml = (text: string) => format(text, { ...PRETTIER, parser: 'yaml' });
const json = (value: unknown) => format(JSON.stringify(value), { ...PRETTIER, parser: 'json' });

export async function generatedFiles(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const chart of SERVICE_CHARTS) {
    files.push({ path: `charts/${chart.name}/values.yaml`, content: await yaml(valuesYaml(chart.spec)) });
    files.push({
      path: `charts/${chart.name}/values.schema.json`,
      content: await json(valuesSchema(chart.spec, chart.name)),
    });
  }
  files.push({
    path: 'charts/ecogate/values.yaml',
    content: await yaml(valuesYaml(umbrellaSpec(SERVICE_CHARTS))),
  });
  files.push({
    path: 'charts/ecogate/values.schema.json',
    content: await json(umbrellaSchema(SERVICE_CHARTS)),
  });
  for (const city of CITIES)
    files.push({ path: `charts/ecogate/profiles/${city.name}.yaml`, content: await yaml(profileYaml(city)) });
  const plan = kafkaPlan(parseAclTable(JSON.parse(readFileSync(ACL_TABLE, 'utf8'))));
  files.push({
    path: 'charts/ecogate/files/kafka.json',
    content: await json({
      _generated:
        'npm run charts:generate: topics from libs/contracts (topic map and topic settings), users from deploy/local/kafka-acls.json',
      ...plan,
    }),
  });
  return files;
}
