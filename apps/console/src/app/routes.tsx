import { lazy, type ComponentType, type LazyExoticComponent, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { PageSkeleton } from '../shared/PageSkeleton';
import { EnterpriseOutlet, HomeRedirect, NotFound } from '../shell/navigation';
import { RequireSession } from '../shell/RequireSession';
import { Shell } from '../shell/Shell';
import { LoginPage } from '../session/LoginPage';

/** Pages load on first visit (each its own chunk): the first screen carries only the shell. */
const page = (load: () => Promise<{ default: ComponentType }>) => {
  const Page: LazyExoticComponent<ComponentType> = lazy(load);
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Page />
    </Suspense>
  );
};

/** Pages of one enterprise, under `/e/:enterpriseId/`: a shared link names the enterprise too. */
export const ENTERPRISE_PAGES: RouteObject[] = [
  { path: 'lanes', element: page(() => import('../lanes/LiveLanesPage')) },
  { path: 'passages', element: page(() => import('../passages/PassagesPage')) },
  { path: 'passages/:passageId', element: page(() => import('../passages/PassagePage')) },
  { path: 'review', element: page(() => import('../review/ReviewPage')) },
  { path: 'in-plant', element: page(() => import('../in-plant/InPlantPage')) },
  {
    path: 'loading-area-anomalies',
    element: page(() => import('../loading-areas/LoadingAreaAnomaliesPage')),
  },
  {
    path: 'loading-area-sightings',
    element: page(() => import('../loading-areas/LoadingAreaSightingsPage')),
  },
  { path: 'machinery', element: page(() => import('../machinery/MachineryPage')) },
  { path: 'statistics', element: page(() => import('../statistics/StatisticsPage')) },
  { path: 'alert', element: page(() => import('../alert/AlertLevelPage')) },
  { path: 'plan', element: page(() => import('../alert/EmergencyPlanPage')) },
  { path: 'exports', element: page(() => import('../exports/ExportsPage')) },
  { path: 'users', element: page(() => import('../users/EnterpriseUsersPage')) },
  { path: 'devices', element: page(() => import('../devices/DevicesPage')) },
  { path: 'outages', element: page(() => import('../outages/OutagesPage')) },
  { path: 'video', element: page(() => import('../video/VideoPage')) },
  { path: 'upload', element: page(() => import('../upload/UploadPage')) },
  { path: 'inspections', element: page(() => import('../inspections/InspectionsPage')) },
  { path: 'vehicle-reviews', element: page(() => import('../vehicle-stage/VehicleReviewsPage')) },
];

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'e/:enterpriseId', element: <EnterpriseOutlet />, children: ENTERPRISE_PAGES },
      { path: 'e', element: <Navigate to="/" replace /> },
      { path: 'enterprises', element: page(() => import('../enterprises/EnterprisesPage')) },
      { path: 'users', element: page(() => import('../users/CityUsersPage')) },
      { path: 'inspections', element: page(() => import('../inspections/DistrictInspectionsPage')) },
      { path: 'alert-view', element: page(() => import('../alert-view/AlertViewPage')) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
