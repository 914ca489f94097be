export * from './camera-simulator';
export * from './dahua-format';
export * from './hikvision-format';
export * from './samples';
export * from './vzenith-format';
export * from './rtsp';
export * from './onvif/onvif-device-simulator';
export { type DeviceAccount } from './onvif/ws-username-token';
export * from './onvif/ws-discovery-responder';
