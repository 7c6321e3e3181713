import { inputClassNames, makeStaticStyles, selectClassNames } from '@fluentui/react-components';

/**
 * Fluent's inputs and selects have fixed heights (24, 32 or 40 px): with the text made larger on the device (200 %
 * text on a phone, or the browser's minimum font size), their text is cut off. Here they take the height their text
 * needs, never less than Fluent's own, and never get wider than their column. Scoped under the provider so that it
 * outranks Fluent's single-class rules.
 */
export const useTextSizeStyles = makeStaticStyles({
  [`.fui-FluentProvider .${inputClassNames.root}`]: {
    height: 'auto',
    minHeight: '32px',
    maxWidth: '100%',
    minWidth: 0,
  },
  [`.fui-FluentProvider .${inputClassNames.input}`]: {
    height: 'auto',
    minWidth: 0,
    width: '100%',
    paddingTop: '4px',
    paddingBottom: '4px',
  },
  [`.fui-FluentProvider .${selectClassNames.root}`]: { maxWidth: '100%', minWidth: 0 },
  [`.fui-FluentProvider .${selectClassNames.select}`]: {
    height: 'auto',
    minHeight: '32px',
    paddingTop: '4px',
    paddingBottom: '4px',
    textOverflow: 'ellipsis',
  },
});
