import { PictureOutlined } from '@ant-design/icons';
import { Image, Typography } from 'antd';
import { useState } from 'react';
import { useMessages } from '../i18n/messages';
import { sightingPhotoUrl } from './loading-areas';
import { messages } from './messages';

/** A sighting's frame (`scene`) or plate crop (`plate`); "no image" when the ledger has none or it fails to load. */
export function SightingPhoto({
  enterpriseId,
  sightingId,
  kind,
  width,
  alt,
}: {
  enterpriseId: string;
  sightingId: string;
  kind: 'scene' | 'plate';
  width: number;
  alt: string;
}) {
  const t = useMessages(messages);
  const [failed, setFailed] = useState(false);
  if (failed)
    return (
      <Typography.Text type="secondary">
        <PictureOutlined style={{ marginInlineEnd: 4 }} />
        {t('photo.missing')}
      </Typography.Text>
    );
  return (
    <Image
      src={sightingPhotoUrl(enterpriseId, sightingId, kind)}
      alt={alt}
      width={width}
      onError={() => setFailed(true)}
    />
  );
}
