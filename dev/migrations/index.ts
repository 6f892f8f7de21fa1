import * as migration_20261126_181107_initial from './20261126_181107_initial.js';

export const migrations = [
  {
    up: migration_20261126_181107_initial.up,
    down: migration_20261126_181107_initial.down,
    name: '20261126_181107_initial'
  },
];
