// The few parts of node-onvif (untyped, dev dependency) the conformance suite drives.

declare module 'node-onvif' {
  interface Reply {
    readonly soap: string;
    readonly data: Record<string, unknown>;
  }
  type Call<P = void> = P extends void ? () => Promise<Reply> : (params: P) => Promise<Reply>;

  interface Profile {
    readonly token: string;
    readonly name: string;
    readonly snapshot: string;
    readonly stream: { readonly udp: string; readonly http: string; readonly rtsp: string };
    readonly video: { readonly encoder: { readonly encoding: string; readonly resolution: object } | null };
  }

  interface OnvifDevice {
    readonly time_diff: number;
    readonly services: {
      readonly device: {
        getCapabilities: Call;
        getDeviceInformation: Call;
        getHostname: Call;
        getScopes: Call;
        getServices: Call<{ IncludeCapability: boolean }>;
        getSystemDateAndTime: Call;
      };
      readonly media: {
        getProfiles: Call;
        getStreamUri: Call<{ ProfileToken: string; Protocol: 'UDP' | 'HTTP' | 'RTSP' }>;
        getSnapshotUri: Call<{ ProfileToken: string }>;
      };
      readonly events?: { getEventProperties: Call };
    };
    init(): Promise<{ Manufacturer: string; Model: string; SerialNumber: string }>;
    getProfileList(): Profile[];
    fetchSnapshot(): Promise<{ headers: Record<string, string>; body: Buffer }>;
  }

  const onvif: { OnvifDevice: new (params: { xaddr: string; user?: string; pass?: string }) => OnvifDevice };
  export = onvif;
}

declare module 'node-onvif/lib/modules/soap.js' {
  interface OnvifSoap {
    createRequestSoap(params: {
      body: string;
      xmlns: readonly string[];
      diff?: number;
      user?: string;
      pass?: string;
    }): string;
    requestCommand(
      oxaddr: import('node:url').UrlWithStringQuery,
      method: string,
      soap: string,
    ): Promise<{ soap: string; data: Record<string, unknown> }>;
  }
  const soap: OnvifSoap;
  export = soap;
}
