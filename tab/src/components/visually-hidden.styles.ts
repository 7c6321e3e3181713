import { makeStyles } from '@fluentui/react-components';

/** Text for screen readers only: read aloud, never drawn, and taking no room in the layout. */
export const useVisuallyHiddenStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});
