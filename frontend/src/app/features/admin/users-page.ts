import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

import { AuthStore } from '../../core/auth/auth-store';
import { type UserDto } from '../../core/auth/auth.model';
import { createSubmission } from '../../core/http/submission';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { UsersStore } from './data/users-store';
import { adminErrorMessage } from './model/admin-messages';
import { type InviteUserRequest, type UpdateUserRequest } from './model/admin.model';
import { EditUserForm } from './ui/edit-user-form';
import { InviteUserForm } from './ui/invite-user-form';
import { UsersTable } from './ui/users-table';

/** `/admin/users`: list, invite, change role/operator, disable/enable. */
@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EditUserForm, InviteUserForm, MatButton, MatFormField, MatInput, MatLabel, MatPaginator, UsersTable],
  providers: [UsersStore],
  host: { class: 'app-page app-page--wide' },
  template: `
    <h1>Users</h1>

    <form class="search" role="search" (submit)="$event.preventDefault(); store.search(searchInput.value)">
      <mat-form-field>
        <mat-label>Search users</mat-label>
        <input matInput #searchInput type="search" autocomplete="off" />
      </mat-form-field>
      <button mat-stroked-button type="submit">Search</button>
    </form>

    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (actionError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }
    @if (store.loadError(); as error) {
      <p class="app-alert" role="alert">The users could not be loaded. {{ loadErrorMessage() }}</p>
    }
    @if (store.loading() && store.items().length === 0) {
      <p role="status">Loading users…</p>
    } @else {
      <app-users-table
        [users]="store.items()"
        [currentUserId]="auth.user()?.id ?? null"
        [busyId]="busyId()"
        (edit)="startEdit($event)"
        (toggleStatus)="toggleStatus($event)"
      />
      <mat-paginator
        [length]="store.total()"
        [pageIndex]="store.query().page - 1"
        [pageSize]="store.query().pageSize"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="changePage($event)"
        aria-label="Users pages"
      />
    }

    @if (editing(); as user) {
      <section aria-labelledby="edit-user-heading">
        <h2 id="edit-user-heading">Edit {{ user.displayName }} ({{ user.email }})</h2>
        <app-edit-user-form
          [user]="user"
          [pending]="edit.pending()"
          [error]="editError()"
          (submitted)="saveEdit(user, $event)"
          (cancelled)="editing.set(null)"
        />
      </section>
    }

    <section aria-labelledby="invite-user-heading">
      <h2 id="invite-user-heading">Invite a user</h2>
      <p>The invited person gets an email with a link to choose a password (valid for 72 hours).</p>
      <app-invite-user-form [pending]="invite.pending()" [error]="inviteError()" (submitted)="sendInvite($event)" />
    </section>
  `,
  styles: `
    .search {
      display: flex;
      gap: 0.75rem;
      align-items: baseline;
    }

    section {
      max-width: 40rem;
    }
  `,
})
export class UsersPage {
  protected readonly store = inject(UsersStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly inviteForm = viewChild.required(InviteUserForm);

  protected readonly editing = signal<UserDto | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);

  protected readonly invite = createSubmission((request: InviteUserRequest) => this.store.invite(request));
  protected readonly edit = createSubmission((args: { id: string; changes: UpdateUserRequest }) =>
    this.store.update(args.id, args.changes),
  );
  protected readonly status = createSubmission((args: { id: string; changes: UpdateUserRequest }) =>
    this.store.update(args.id, args.changes),
  );

  protected readonly inviteError = computed(() => {
    const error = this.invite.error();
    return error ? adminErrorMessage(error) : null;
  });
  protected readonly editError = computed(() => {
    const error = this.edit.error();
    return error ? adminErrorMessage(error) : null;
  });
  protected readonly actionError = computed(() => {
    const error = this.status.error();
    return error ? adminErrorMessage(error) : null;
  });
  protected readonly loadErrorMessage = computed(() => {
    const error = this.store.loadError();
    return error ? adminErrorMessage(error) : '';
  });

  protected changePage(event: PageEvent): void {
    this.store.goToPage(event.pageIndex + 1, event.pageSize);
  }

  protected startEdit(user: UserDto): void {
    this.notice.set(null);
    this.edit.clearError();
    this.editing.set(user);
  }

  protected async saveEdit(user: UserDto, changes: UpdateUserRequest): Promise<void> {
    const result = await this.edit.run({ id: user.id, changes });
    if (result.ok) {
      this.editing.set(null);
      this.notice.set(`Saved the changes to ${result.value.email}.`);
    }
  }

  protected async toggleStatus(user: UserDto): Promise<void> {
    this.notice.set(null);
    const disabling = user.status === 'active';
    if (
      disabling &&
      !(await confirmAction(this.dialog, {
        title: `Disable ${user.email}?`,
        message: 'They are signed out everywhere at once and cannot sign in until enabled again.',
        confirmLabel: 'Disable',
      }))
    ) {
      return;
    }
    this.busyId.set(user.id);
    const result = await this.status.run({ id: user.id, changes: { status: disabling ? 'disabled' : 'active' } });
    this.busyId.set(null);
    if (result.ok) {
      this.notice.set(`${result.value.email} is now ${disabling ? 'disabled' : 'active'}.`);
    }
  }

  protected async sendInvite(request: InviteUserRequest): Promise<void> {
    this.notice.set(null);
    const result = await this.invite.run(request);
    if (result.ok) {
      this.inviteForm().clear();
      this.notice.set(`Invitation sent to ${result.value.email}.`);
    }
  }
}
