/** A decoded image: packed 8-bit RGB, row-major, no padding. Every pipeline step works on this shape. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export const RGB_CHANNELS = 3;

export function createRawImage(width: number, height: number): RawImage {
  return { width, height, data: new Uint8Array(width * height * RGB_CHANNELS) };
}

/** Copies rows [top, bottom) of an image. */
export function sliceRows(image: RawImage, top: number, bottom: number): RawImage {
  const rowBytes = image.width * RGB_CHANNELS;
  return {
    width: image.width,
    height: bottom - top,
    data: image.data.slice(top * rowBytes, bottom * rowBytes),
  };
}
