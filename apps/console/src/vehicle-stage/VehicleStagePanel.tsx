import { Space } from 'antd';
import { ErrorResult } from '../shared/ErrorResult';
import { useStageLookup, useVehicle } from './queries';
import { StageLookupPanel } from './StageLookupPanel';
import { StageReviewAlert } from './StageReviewAlert';

/** A vehicle's stage checked at the source: the sources' disagreement, if any, and the stage lookup. */
export function VehicleStagePanel({ enterpriseId, plate }: { enterpriseId: string; plate: string }) {
  const vehicle = useVehicle(enterpriseId, plate);
  const lookup = useStageLookup(enterpriseId, plate);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {vehicle.data?.review ? (
        <StageReviewAlert enterpriseId={enterpriseId} review={vehicle.data.review} />
      ) : null}
      {vehicle.isError ? <ErrorResult error={vehicle.error} onRetry={() => void vehicle.refetch()} /> : null}
      {lookup.isError ? <ErrorResult error={lookup.error} onRetry={() => void lookup.refetch()} /> : null}
      {lookup.data ? (
        <StageLookupPanel enterpriseId={enterpriseId} plate={plate} lookup={lookup.data} />
      ) : null}
    </Space>
  );
}
