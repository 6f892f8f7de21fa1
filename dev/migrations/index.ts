import * as migration_20261126_192925_initial from './20261126_192925_initial.js';
import * as migration_20261201_004007_editors_scheduling_autosave from './20261201_004007_editors_scheduling_autosave.js';
import * as migration_20261201_033921_localize_demo from './20261201_033921_localize_demo.js';
import * as migration_20261204_185203_search_index from './20261204_185203_search_index.js';
import * as migration_20261204_195321_change_notification_outbox from './20261204_195321_change_notification_outbox.js';
import * as migration_20261204_230605_search_vectors from './20261204_230605_search_vectors.js';

export const migrations = [
  {
    up: migration_20261126_192925_initial.up,
    down: migration_20261126_192925_initial.down,
    name: '20261126_192925_initial',
  },
  {
    up: migration_20261201_004007_editors_scheduling_autosave.up,
    down: migration_20261201_004007_editors_scheduling_autosave.down,
    name: '20261201_004007_editors_scheduling_autosave',
  },
  {
    up: migration_20261201_033921_localize_demo.up,
    down: migration_20261201_033921_localize_demo.down,
    name: '20261201_033921_localize_demo',
  },
  {
    up: migration_20261204_185203_search_index.up,
    down: migration_20261204_185203_search_index.down,
    name: '20261204_185203_search_index',
  },
  {
    up: migration_20261204_195321_change_notification_outbox.up,
    down: migration_20261204_195321_change_notification_outbox.down,
    name: '20261204_195321_change_notification_outbox',
  },
  {
    up: migration_20261204_230605_search_vectors.up,
    down: migration_20261204_230605_search_vectors.down,
    name: '20261204_230605_search_vectors'
  },
];
