export { encodeImageSequence, type ImageSequenceOptions, type StillImage } from './rtp-image-sequence';
export * from './rtsp-request';
export * from './rtsp-test-server';
export * from './sdp';
