import { meter } from '@ecogate/telemetry';

// The document readers' metrics, one set for both routes (the `document` label tells them apart).

const documentMeter = meter('plate-recognition');

export const documentReads = documentMeter.createCounter('document_reads_total', {
  description:
    'Document photos read, by document and outcome (found, not-found — for 随车清单 no-qr-code or ' +
    'not-an-inventory-list-code —, unreadable-image, refusals)',
});

export const documentFields = documentMeter.createCounter('document_fields_total', {
  description: 'Fields of the documents found, by document, field and result (read or unreadable)',
});

export const documentReadDuration = documentMeter.createHistogram('document_read_duration_seconds', {
  description: 'From the photo handed to the reader pool to its answer (queueing included), by document',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30] },
});
