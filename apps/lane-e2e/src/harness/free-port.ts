// The shared allocator (outside the kernel's ephemeral range, where a client's source port could
// take a service's port before it listens).
export { freePort } from '@ecogate/testing';
