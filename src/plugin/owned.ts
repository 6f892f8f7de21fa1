/**
 * The functions (access, hooks) the plugin installs on its collections, so code can tell the
 * plugin's defaults from a host's own: the tuned reads (src/read/tunedReads.ts) only answer for
 * collections that still run the plugin's access and hooks alone.
 */
const pluginOwned = new WeakSet<object>()

/** Records a function as the plugin's own; returns it. */
export const markPluginOwned = <T>(value: T): T => {
  if (typeof value === 'function') pluginOwned.add(value)
  return value
}

export const isPluginOwned = (value: unknown): boolean => typeof value === 'function' && pluginOwned.has(value)
