import { creditCodeCheckCharacter, type EmissionStage, type LaneMode } from '@ecogate/domain';

// The demo city of a first `npm start`: one steel works with two gates and four lanes (the east
// gate's exit records only, as a small gate may), trucks of every stage, the people who use it.

export const DEMO_ENTERPRISE = 'demo-steel';
export const DEMO_DISTRICT = '130102';
export const DEMO_SITE = 'plant-1';
const CREDIT_CODE_17 = `91${DEMO_DISTRICT}MA0CXD7K2`;
export const DEMO_CREDIT_CODE = CREDIT_CODE_17 + (creditCodeCheckCharacter(CREDIT_CODE_17) ?? '0');
/** The enterprise's HJ 608 code on the platform (credit code, source 001, `P`). */
export const DEMO_PLATFORM_CODE = `${DEMO_CREDIT_CODE}001P`;

export interface DemoLane {
  readonly gateId: string;
  readonly gateName: string;
  readonly laneId: string;
  readonly name: string;
  readonly direction: 'in' | 'out';
  readonly mode: LaneMode;
}

export const DEMO_LANES: readonly DemoLane[] = [
  { gateId: 'north', gateName: '北门', laneId: 'north-in', name: '北门入口', direction: 'in', mode: 'auto' },
  {
    gateId: 'north',
    gateName: '北门',
    laneId: 'north-out',
    name: '北门出口',
    direction: 'out',
    mode: 'auto',
  },
  { gateId: 'east', gateName: '东门', laneId: 'east-in', name: '东门入口', direction: 'in', mode: 'auto' },
  {
    gateId: 'east',
    gateName: '东门',
    laneId: 'east-out',
    name: '东门出口',
    direction: 'out',
    mode: 'record-only',
  },
];

export interface DemoTruck {
  readonly plate: string;
  readonly stage: EmissionStage;
  readonly fuel: 'diesel' | 'natural-gas' | 'electric';
}

/** Plates photographed in ../shared/samples (so the server's reader agrees), every stage of a real fleet. */
export const DEMO_TRUCKS: readonly DemoTruck[] = [
  { plate: '皖A00E66', stage: 'VI', fuel: 'diesel' },
  { plate: '皖A06S56', stage: 'VI', fuel: 'natural-gas' },
  { plate: '皖A0T999', stage: 'V', fuel: 'diesel' },
  { plate: '皖A0Y000', stage: 'V', fuel: 'diesel' },
  { plate: '皖A13W08', stage: 'IV', fuel: 'diesel' },
  { plate: '皖A15C18', stage: 'III', fuel: 'diesel' },
  { plate: '皖A27E73', stage: 'electric', fuel: 'electric' },
  { plate: '浙A6MX97', stage: 'VI', fuel: 'diesel' },
  { plate: '沪C21F13', stage: 'IV', fuel: 'diesel' },
];
/** The VIN the demo registers for `DEMO_TRUCKS[index]` (and the stage-lookup simulator knows). */
export const demoVin = (index: number): string => `LFWADRJF${String(100_000_000 + index)}`;

/** Trucks nobody registered: their stage is unknown, they go to review. */
export const DEMO_VISITORS: readonly string[] = ['皖A2G119', '川JK0707'];

export type DemoRole = 'city-admin' | 'city-operator' | 'inspector' | 'enterprise-admin' | 'enterprise-staff';

export interface DemoLogin {
  readonly username: string;
  readonly displayName: string;
  readonly role: DemoRole;
}

/** The first is created with the gateway's `--create-admin`; the others by that admin. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'admin', displayName: '市级管理员', role: 'city-admin' },
  { username: 'operator', displayName: '市级运维', role: 'city-operator' },
  { username: 'inspector', displayName: '执法检查员', role: 'inspector' },
  { username: 'steel.admin', displayName: '钢铁企业管理员', role: 'enterprise-admin' },
  { username: 'steel.gate', displayName: '门岗值班员', role: 'enterprise-staff' },
];
