// The image types the test kit's sub-folders use (the lint rule allows one `../` hop, not two).
export { type Quad } from '../image/perspective-warp';
export { type RawImage } from '../image/raw-image';
