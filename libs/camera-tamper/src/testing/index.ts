// Test kit: a footage generator that makes tampered and unaltered variants of a scene (being built).
export {};
