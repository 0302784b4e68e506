import { asArray, isRecord } from './rules/common.ts';
import { ComponentType } from './rules/index.ts';

/**
 * The `data.components` of a modal submission: the modal's layout with each text input's `value`
 * (or a select's `values`), checked the way the Discord client checks what a user can submit.
 */
export function fillModal(
  modal: Record<string, unknown>,
  values: Record<string, string | string[]>,
): unknown[] {
  const unused = new Set(Object.keys(values));
  const fill = (component: unknown): unknown => {
    if (!isRecord(component)) return component;
    if (component.type === ComponentType.ActionRow) {
      return { type: ComponentType.ActionRow, components: asArray(component.components).map(fill) };
    }
    if (component.type === ComponentType.Label)
      return { type: ComponentType.Label, component: fill(component.component) };
    if (typeof component.custom_id !== 'string') return { type: component.type };
    const id = component.custom_id;
    const value = values[id];
    unused.delete(id);
    if (component.type !== ComponentType.TextInput) {
      return { type: component.type, custom_id: id, values: value === undefined ? [] : [value].flat() };
    }
    if (value === undefined && component.required !== false) throw new Error(`modal field ${id} is required`);
    const text = Array.isArray(value) ? value.join('') : (value ?? '');
    const max = typeof component.max_length === 'number' ? component.max_length : 4000;
    const min = typeof component.min_length === 'number' ? component.min_length : 0;
    if (text.length > max || (text.length > 0 && text.length < min)) {
      throw new Error(`modal field ${id} takes ${min}-${max} characters`);
    }
    return { type: ComponentType.TextInput, custom_id: id, value: text };
  };
  const components = asArray(modal.components).map(fill);
  if (unused.size > 0) throw new Error(`the modal has no field(s) ${[...unused].join(', ')}`);
  return components;
}
