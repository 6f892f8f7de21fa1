import * as migration_20261126_183122_initial from './20261126_183122_initial.js';

export const migrations = [
  {
    up: migration_20261126_183122_initial.up,
    down: migration_20261126_183122_initial.down,
    name: '20261126_183122_initial'
  },
];
