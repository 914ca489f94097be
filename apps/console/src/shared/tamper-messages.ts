import { defineMessages } from '../i18n/messages';

/** A camera's tampering as the view check names it (`TAMPER_KINDS`), or the camera's own alarm. */
export const tamperMessages = defineMessages({
  'tamper.shifted': ['移位', 'moved'],
  'tamper.covered': ['遮挡', 'covered'],
  'tamper.blurred': ['失焦', 'out of focus'],
  'tamper.too-dark': ['过暗', 'too dark'],
  'tamper.frozen': ['画面冻结', 'frozen'],
  'tamper.camera-alarm': ['摄像机防破坏报警', "the camera's tamper alarm"],
});

/** The message key of a kind; `null` (the camera's own alarm names none) is `camera-alarm`. */
export const tamperKey = (kind: string | null) =>
  `tamper.${kind ?? 'camera-alarm'}` as keyof typeof tamperMessages & string;
