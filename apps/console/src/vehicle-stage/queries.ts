import { useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api/client';
import { lookupKey, READS, readsKey, STAGE_LOOKUP, VEHICLE, vehicleKey } from './api';

/** While a background job has not answered, ask again now and then (the answer comes without a push). */
const POLL_MS = 5_000;

/** The vehicle as the registry knows it (stage evidence, review); `null` when it is not registered. */
export function useVehicle(enterpriseId: string, plate: string, enabled = true) {
  return useQuery({
    queryKey: vehicleKey(enterpriseId, plate),
    enabled,
    queryFn: async () => {
      try {
        return await unwrap(api.GET(VEHICLE, { params: { path: { enterpriseId, plate } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** The vehicle's document reads, newest first, polled while one is still queued. */
export function useDocumentReads(enterpriseId: string, plate: string, enabled = true) {
  return useQuery({
    queryKey: readsKey(enterpriseId, plate),
    enabled,
    queryFn: () =>
      unwrap(api.GET(READS, { params: { path: { enterpriseId }, query: { plate, limit: 20 } } })),
    refetchInterval: (query) =>
      query.state.data?.items.some((read) => read.state === 'queued') ? POLL_MS : false,
  });
}

/** Where the vehicle's stage lookup stands, polled while it waits for the source. */
export function useStageLookup(enterpriseId: string, plate: string) {
  return useQuery({
    queryKey: lookupKey(enterpriseId, plate),
    queryFn: async () => {
      try {
        return await unwrap(api.GET(STAGE_LOOKUP, { params: { path: { enterpriseId, plate } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'queued' || state === 'retrying' ? POLL_MS : false;
    },
  });
}
