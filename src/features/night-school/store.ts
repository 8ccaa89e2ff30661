// The night school's state: the catalog with its filters, and 我的夜校.
import { create } from 'zustand';
import type { Application, Course, MyNightSchool, Term } from '@/contract/night-school';
import { newIdempotencyKey } from '@/lib/request';
import {
  actOnApplication,
  applyForCourse,
  fetchCourses,
  fetchMine,
  type CourseFilters,
} from './api';

interface NightSchoolState {
  term: Term | null;
  courses: Course[];
  filters: CourseFilters;
  mine: MyNightSchool | null;
  /** Idempotency key per course for the apply tap in flight (reused by the retry prompt). */
  applyKeys: Record<string, string>;
  setFilters: (patch: CourseFilters) => Promise<void>;
  /** `fresh`: past the catalogue cache (pull-down refresh). */
  loadCourses: (fresh?: boolean) => Promise<void>;
  loadMine: () => Promise<void>;
  apply: (courseId: string) => Promise<Application>;
  act: (applicationId: string, action: 'confirm' | 'decline' | 'withdraw') => Promise<Application>;
  reset: () => void;
}

const initial = { term: null, courses: [], filters: {}, mine: null, applyKeys: {} };

export const useNightSchool = create<NightSchoolState>()((set, get) => ({
  ...initial,
  setFilters: async (patch) => {
    set({ filters: { ...get().filters, ...patch } });
    await get().loadCourses();
  },
  loadCourses: async (fresh = false) => {
    const { term, items } = await fetchCourses(get().filters, fresh);
    set({ term, courses: items });
  },
  loadMine: async () => {
    set({ mine: await fetchMine() });
  },
  apply: async (courseId) => {
    const key = get().applyKeys[courseId] ?? newIdempotencyKey();
    set({ applyKeys: { ...get().applyKeys, [courseId]: key } });
    const result = await applyForCourse(courseId, key);
    const { [courseId]: _done, ...rest } = get().applyKeys;
    set({ applyKeys: rest });
    return result;
  },
  act: async (applicationId, action) => {
    const result = await actOnApplication(applicationId, action);
    await get().loadMine();
    return result;
  },
  reset: () => set(initial),
}));
