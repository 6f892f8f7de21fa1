import * as migration_20261126_191018_initial from './20261126_191018_initial.js';

export const migrations = [
  {
    up: migration_20261126_191018_initial.up,
    down: migration_20261126_191018_initial.down,
    name: '20261126_191018_initial'
  },
];
