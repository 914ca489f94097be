export * from './event-topics';
export * from './onvif-client';
export * from './onvif-error';
export * from './pull-point-subscription';
export { downloadJpeg, type DigestResponder, type JpegDownload } from './snapshot-download';
export * from './device-address';
export * from './ws-discovery';
export * from './ws-discovery-hosts';
export { DiscoveryAnswerError, type ProbeMatch } from './ws-discovery-messages';
