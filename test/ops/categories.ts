import type { SwitchboardConfig } from '../../config/schema.ts';

/** The menu's categories: what fixture callers call about. */
export function qaCategories(config: SwitchboardConfig): string[] {
  const out = new Set<string>();
  const walk = (items: SwitchboardConfig['ivr']['menu']) => {
    for (const i of items) {
      if (i.category) out.add(i.category);
      if (i.menu) walk(i.menu);
    }
  };
  walk(config.ivr.menu);
  return [...out].sort();
}
