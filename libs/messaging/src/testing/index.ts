// `@ecogate/messaging/testing`: what every transport must do (Kafka, embedded), run by each one's spec.
export * from './transport-contract';
