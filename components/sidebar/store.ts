import { create } from 'zustand';

type SidebarState = {
  /** Whether the conversation drawer is open on small screens (on wide screens it is always shown). */
  open: boolean;
  setOpen: (open: boolean) => void;
  toggle: () => void;
  /** Bumped to have the sidebar read its list again, without rendering the page around it again. */
  listVersion: number;
  refreshList: () => void;
  /** The chat on screen, if any: "New chat" starts another with the same companion. */
  chat: { companion: string; language: string } | null;
  setChat: (chat: { companion: string; language: string } | null) => void;
};

export const useSidebar = create<SidebarState>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set((state) => ({ open: !state.open })),
  listVersion: 0,
  refreshList: () => set((state) => ({ listVersion: state.listVersion + 1 })),
  chat: null,
  setChat: (chat) => set({ chat }),
}));
