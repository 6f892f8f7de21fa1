export type { CatalogChange } from './catalogChange.js'
export {
  lastAppliedChange,
  onCatalogChange,
  onCatalogResync,
  receiveRemoteChange,
  resyncCatalog,
} from './changeFeed.js'
