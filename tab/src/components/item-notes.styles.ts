import { makeStyles, tokens } from '@fluentui/react-components';

/** Shared notes sit under their agenda item, indented to the item's text, one per person. */
export const useItemNoteStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: '32px',
    minWidth: 0,
  },
  notes: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  note: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: `0 ${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0`,
  },
  mine: { borderLeftColor: tokens.colorBrandStroke1 },
  by: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  editor: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
  },
  // Who added the item and the item's small buttons share one line with the note button.
  byline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: 0,
    minWidth: 0,
  },
  toggle: { minWidth: 0, paddingLeft: 0, paddingRight: tokens.spacingHorizontalXS, minHeight: '24px' },
});
