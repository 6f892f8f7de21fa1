import * as migration_20261126_192925_initial from './20261126_192925_initial.js';

export const migrations = [
  {
    up: migration_20261126_192925_initial.up,
    down: migration_20261126_192925_initial.down,
    name: '20261126_192925_initial'
  },
];
