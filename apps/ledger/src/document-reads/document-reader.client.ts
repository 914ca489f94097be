import { type ServiceToken } from '@ecogate/auth';
import {
  type DocumentReadKind,
  type DrivingLicenceRead,
  drivingLicenceReadSchema,
  type InventoryListRead,
  inventoryListReadSchema,
} from '@ecogate/contracts';
import { type z } from 'zod';
import { fetchWithin, NoAnswerError } from '../peer-http/fetch-within';

/**
 * plate-recognition gave no usable answer now (down, slow, refusing the ledger's key, an answer
 * off the contract): a read waits and is tried again, never failed, and this message is shown on it.
 */
export class DocumentReaderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentReaderUnavailableError';
  }
}

export type DocumentReadResult = InventoryListRead | DrivingLicenceRead;

/** Reads a document photo; throws `DocumentReaderUnavailableError` when it should be retried. */
export interface DocumentReader {
  read(kind: DocumentReadKind, photo: Buffer, contentType: string): Promise<DocumentReadResult>;
}

const SCHEMAS: Readonly<Record<DocumentReadKind, z.ZodType<DocumentReadResult>>> = {
  'inventory-list': inventoryListReadSchema,
  'driving-licence': drivingLicenceReadSchema,
};

export interface PlateRecognitionReaderOptions {
  /** plate-recognition's base URL (`PLATE_RECOGNITION_URL`, the name video-archive uses). */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly token: Pick<ServiceToken, 'header'>;
}

/** `POST /documents/{kind}/read` with the photo as the raw body, as the ledger (its own service token). */
export class PlateRecognitionDocumentReader implements DocumentReader {
  private readonly baseUrl: string;

  constructor(private readonly options: PlateRecognitionReaderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async read(kind: DocumentReadKind, photo: Buffer, contentType: string): Promise<DocumentReadResult> {
    const url = `${this.baseUrl}/documents/${kind}/read`;
    let response: Response;
    try {
      response = await fetchWithin(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': contentType,
            accept: 'application/json',
            authorization: await this.options.token.header(),
          },
          body: new Uint8Array(photo),
        },
        this.options.timeoutMs,
      );
    } catch (caught) {
      if (caught instanceof NoAnswerError) throw new DocumentReaderUnavailableError(caught.message);
      throw caught;
    }
    const text = await response.text();
    if (response.status !== 200) {
      const hint =
        response.status === 401 || response.status === 403
          ? ": check plate-recognition's AUTH_SERVICE_KEYS_FILE holds the ledger's key and its policy admits the ledger"
          : '';
      throw new DocumentReaderUnavailableError(
        `plate-recognition answered ${response.status} for ${url}${hint} ${text.slice(0, 200)}`.trim(),
      );
    }
    const parsed = SCHEMAS[kind].safeParse(parseJson(text));
    if (!parsed.success) {
      throw new DocumentReaderUnavailableError(
        `plate-recognition sent an answer off the contract for ${kind}: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    return parsed.data;
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
