// SM3 lives in @ecogate/domain (pure, shared): the ledger's hash chain uses it too.
export { sm3Hex } from '@ecogate/domain';
