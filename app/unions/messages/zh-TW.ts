import type { Translation } from '~/lib/locale';
import type zhCN from './zh-CN';

export default {
  roles: {
    admin: '工會管理員',
    commissioner: '採購專員',
    reviewer: '評審委員',
    finance: '財務',
    incubator_manager: '孵化基地管理員',
    leadership: '主管（唯讀）',
    auditor: '經審（唯讀）',
  },
  levels: {
    province: '省級',
    city: '市級',
    county: '縣（區）級',
    township: '鄉鎮（街道）級',
    community: '村（社區）級',
  },
  admin: {
    unions: '工會與部門',
    unionName: '工會名稱',
    level: '層級',
    parent: '上級工會',
    noParent: '無（最上層）',
    createUnion: '新增工會',
    departments: '部門',
    departmentName: '部門名稱',
    addDepartment: '新增部門',
    staff: '工作人員',
    role: '職務',
    department: '所屬部門',
    noDepartment: '不指定部門',
    invite: '邀請',
  },
} satisfies Translation<typeof zhCN>;
