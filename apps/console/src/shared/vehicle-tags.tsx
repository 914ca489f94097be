import { EMISSION_STAGE_LABELS, type EmissionStage, isEmissionStage } from '@ecogate/domain';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n';
import { defineMessages, useMessages } from '../i18n/messages';

const messages = defineMessages({
  'source.platform-query': ['平台查询', 'platform query'],
  'source.document': ['随车清单/行驶证', 'vehicle documents'],
  'source.manual': ['人工录入', 'entered by hand'],
  'source.inferred': ['推断', 'inferred'],
  'verdict.allow': ['放行', 'allowed'],
  'verdict.deny': ['禁止通行', 'refused'],
  'verdict.needs-review': ['待确认', 'needs review'],
  'colour.blue': ['蓝牌', 'blue'],
  'colour.yellow': ['黄牌', 'yellow'],
  'colour.green': ['绿牌', 'green'],
  'colour.yellow-green': ['黄绿牌', 'yellow-green'],
  'colour.white': ['白牌', 'white'],
  'colour.black': ['黑牌', 'black'],
  'colour.other': ['其他', 'other'],
  'colour.unknown': ['未识别', 'unknown'],
});

/** Plate backgrounds as drivers see them (GA 36): the chip says the colour without reading it. */
const PLATE_STYLE: Record<string, { background: string; color: string; border?: string }> = {
  blue: { background: '#1d4fa3', color: '#fff' },
  yellow: { background: '#f2c200', color: '#111' },
  green: { background: 'linear-gradient(180deg, #f4fbf6 0%, #3fb26b 100%)', color: '#111' },
  'yellow-green': { background: 'linear-gradient(90deg, #f2c200 0 22%, #3fb26b 22%)', color: '#111' },
  white: { background: '#fff', color: '#111', border: '1px solid #999' },
  black: { background: '#111', color: '#fff' },
};

/** A plate as it looks on the truck: its text on its colour, the colour's name for screen readers. */
export function PlateChip({ text, colour }: { text: string; colour: string }) {
  const t = useMessages(messages);
  const style = PLATE_STYLE[colour] ?? { background: '#eee', color: '#111', border: '1px dashed #999' };
  const name =
    colour in PLATE_STYLE || colour === 'other' || colour === 'unknown'
      ? t(`colour.${colour}` as 'colour.blue')
      : colour;
  return (
    <Tooltip title={name}>
      <span
        aria-label={`${text} ${name}`}
        style={{
          ...style,
          display: 'inline-block',
          padding: '1px 8px',
          borderRadius: 3,
          fontWeight: 600,
          letterSpacing: 1,
          fontFamily: 'ui-monospace, "Noto Sans Mono CJK SC", monospace',
          whiteSpace: 'nowrap',
        }}
      >
        {text}
      </span>
    </Tooltip>
  );
}

/** A plate colour's name (蓝牌…), e.g. for a choice of colours. */
export function PlateColourName({ colour }: { colour: string }) {
  const t = useMessages(messages);
  const key = `colour.${colour}`;
  return <>{key in messages ? t(key as 'colour.blue') : colour}</>;
}

const STAGE_COLOUR = (stage: EmissionStage): string =>
  stage === 'electric'
    ? 'green'
    : ['VI', 'VIa', 'VIb'].includes(stage)
      ? 'blue'
      : stage === 'V'
        ? 'cyan'
        : 'orange';

/** An emission stage (国五…) and, when known, where it came from. */
export function StageTag({ stage, source }: { stage: string | null | undefined; source?: string | null }) {
  const { language } = useI18n();
  const t = useMessages(messages);
  if (!stage || !isEmissionStage(stage)) return <Tag>{language === 'en' ? 'unknown stage' : '阶段未知'}</Tag>;
  const label = EMISSION_STAGE_LABELS[stage][language === 'en' ? 'en' : 'zh'];
  return (
    <Tag color={STAGE_COLOUR(stage)}>
      {label}
      {source ? ` · ${t(`source.${source}` as 'source.manual')}` : ''}
    </Tag>
  );
}

export function VerdictTag({ verdict }: { verdict: string | null | undefined }) {
  const t = useMessages(messages);
  if (!verdict) return <Tag>—</Tag>;
  const colour = verdict === 'allow' ? 'success' : verdict === 'deny' ? 'error' : 'warning';
  return <Tag color={colour}>{t(`verdict.${verdict}` as 'verdict.allow')}</Tag>;
}
