import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  roles: {
    admin: 'Union administrator',
    commissioner: 'Commissioner',
    reviewer: 'Reviewer',
    finance: 'Finance',
    incubator_manager: 'Incubator manager',
    leadership: 'Leadership (read-only)',
    auditor: 'Auditor (read-only)',
  },
  levels: {
    province: 'Province',
    city: 'City',
    county: 'County (district)',
    township: 'Township (subdistrict)',
    community: 'Village (community)',
  },
  admin: {
    unions: 'Unions and departments',
    unionName: 'Union name',
    level: 'Level',
    parent: 'Parent union',
    noParent: 'None (top level)',
    createUnion: 'Create union',
    departments: 'Departments',
    departmentName: 'Department name',
    addDepartment: 'Add department',
    staff: 'Staff',
    role: 'Role',
    department: 'Department',
    noDepartment: 'No department',
    invite: 'Invite',
  },
} satisfies Translation<typeof zhCN>;
