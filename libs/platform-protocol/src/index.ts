// Public entry of the reference supervision-platform protocol: pure (no I/O), shared by the
// reference adapter that sends and the simulator that receives. See docs/platform-protocol.md.
export * from './errors/protocol-errors';
export * from './format/platform-time';
export * from './framing/frame-codec';
export * from './framing/sign-frame';
export * from './framing/tcp-message.schema';
export * from './schemas/enterprise-code';
export * from './schemas/field-formats';
export * from './schemas/issue-format';
export * from './schemas/record.schema';
export * from './schemas/records-request.schema';
export * from './schemas/response.schema';
export * from './signing/canonical-string';
export * from './signing/credential-fields';
export * from './signing/digests';
export * from './signing/sign';
export * from './signing/sign-method';
export * from './signing/signed-request';
export * from './signing/timestamp-window';
export * from './testing/record.builder';
