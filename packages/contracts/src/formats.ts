import { FormatRegistry } from '@sinclair/typebox';

// TypeBox checks `format` only for formats registered here. Kept deliberately simple and strict
// enough for contracts; HTTP input is validated by ajv-formats in the services.
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const email =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function registerFormats(): void {
  if (!FormatRegistry.Has('date-time')) {
    FormatRegistry.Set('date-time', (value) => dateTime.test(value) && !Number.isNaN(Date.parse(value)));
  }
  if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (value) => email.test(value));
  if (!FormatRegistry.Has('uri')) {
    FormatRegistry.Set('uri', (value) => {
      try {
        return Boolean(new URL(value).protocol);
      } catch {
        return false;
      }
    });
  }
}
registerFormats();
