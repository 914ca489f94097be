import { PictureOutlined } from '@ant-design/icons';
import { Image, Space, Typography } from 'antd';
import { useState } from 'react';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { messages } from './messages';

type PhotoRoute =
  paths['/api/ledger/v1/enterprises/{enterpriseId}/passages/{passageId}/photos/{side}/{kind}']['get'];
export type PhotoSide = PhotoRoute['parameters']['path']['side'];
export type PhotoKind = PhotoRoute['parameters']['path']['kind'];

/**
 * Where the browser loads a passage's photo: the ledger answers 302 to a short-lived link, and the
 * `<img>` request carries the session cookie (same origin), so no token is ever put in a URL.
 */
export const passagePhotoUrl = (enterpriseId: string, passageId: string, side: PhotoSide, kind: PhotoKind) =>
  `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/passages/${encodeURIComponent(passageId)}/photos/${side}/${kind}`;

/** One photo of a passage's side; "no photo" when the service has none (404) or it fails to load. */
export function PassagePhoto({
  enterpriseId,
  passageId,
  side,
  kind,
  width = 240,
}: {
  enterpriseId: string;
  passageId: string;
  side: PhotoSide;
  kind: PhotoKind;
  width?: number;
}) {
  const t = useMessages(messages);
  const [failed, setFailed] = useState(false);
  const label = `${t(side === 'entry' ? 'side.entry' : 'side.exit')} · ${t(kind === 'scene' ? 'photo.scene' : 'photo.plate')}`;
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {failed ? (
        <div
          style={{
            width,
            height: kind === 'plate' ? width / 3 : (width * 9) / 16,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            background: '#fafafa',
            border: '1px dashed #d9d9d9',
            color: '#999',
          }}
        >
          <PictureOutlined style={{ marginInlineEnd: 6 }} />
          {t('photo.missing')}
        </div>
      ) : (
        <Image
          src={passagePhotoUrl(enterpriseId, passageId, side, kind)}
          alt={label}
          width={width}
          onError={() => setFailed(true)}
        />
      )}
    </Space>
  );
}
