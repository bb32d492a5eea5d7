import { create } from 'zustand';
import { initialState, type StudioState } from './studioState';

/**
 * The studio's one store: small, serialisable state only (summaries, choices, metrics).
 * Actions live in src/store/actions and call `useStudio.setState` directly, so they can be
 * used outside React (tests, the keyboard, the drop handler).
 */
export const useStudio = create<StudioState>()(() => initialState);

export const getStudio = useStudio.getState;
export const setStudio = useStudio.setState;
