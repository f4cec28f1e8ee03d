import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store';
import { type ApiError } from '../../core/http/api-error';
import { createSubmission } from '../../core/http/submission';
import { FavouritesClient } from '../../core/query-tool/favourites-client';
import { saveAsFavourite } from '../../core/query-tool/save-favourite';
import { confirmAction } from '../../shared/ui/confirm-dialog';
import { OperatorsStore } from './data/operators-store';
import { operatorsErrorMessage } from './model/operators-messages';
import { type CreateModeRequest, type ModeDto } from './model/operators.model';
import { ModeForm } from './ui/mode-form';
import { ModesTable } from './ui/modes-table';

/** `/modes`: the OTI transport modes; admins also create, edit and delete them. */
@Component({
  selector: 'app-modes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar, ModeForm, ModesTable, RouterLink],
  host: { class: 'app-page app-page--wide' },
  template: `
    <div class="heading">
      <h1>Modes</h1>
      <button mat-stroked-button type="button" (click)="saveFavourite()">Save as favourite</button>
    </div>
    <p>The OTI transport modes operators declare.</p>

    @if (notice(); as notice) {
      <p class="app-notice" role="status">{{ notice }}</p>
    }
    @if (savedName(); as name) {
      <p class="app-notice" role="status">Saved “{{ name }}” to your <a routerLink="/favourites">favourites</a>.</p>
    }
    @if (actionError(); as error) {
      <p class="app-alert" role="alert">{{ error }}</p>
    }
    @if (store.modesError(); as error) {
      <div class="app-alert" role="alert">
        The modes could not be loaded. {{ message(error) }}
        <button mat-stroked-button type="button" (click)="store.reloadModes()">Try again</button>
      </div>
    } @else if (store.modesLoading() && store.modes().length === 0) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the modes" />
    } @else {
      <app-modes-table
        [modes]="store.modes()"
        [manageable]="isAdmin()"
        [busyId]="busyId()"
        (edit)="startEdit($event)"
        (delete)="delete($event)"
      />
    }

    @if (isAdmin()) {
      @if (editing(); as mode) {
        <section aria-labelledby="edit-mode-heading">
          <h2 id="edit-mode-heading">Edit mode {{ mode.id }}</h2>
          <app-mode-form
            [mode]="mode"
            [pending]="save.pending()"
            [error]="saveError()"
            (submitted)="update(mode, $event)"
            (cancelled)="editing.set(null)"
          />
        </section>
      }
      <section aria-labelledby="new-mode-heading">
        <h2 id="new-mode-heading">New mode</h2>
        <app-mode-form #newMode [pending]="add.pending()" [error]="addError()" (submitted)="create($event)" />
      </section>
    }
  `,
  styles: `
    .heading {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.5rem;
      align-items: center;
      margin-block-end: 0.5rem;
    }

    .heading h1 {
      margin: 0;
    }

    section {
      max-width: 40rem;
    }
  `,
})
export class ModesPage {
  protected readonly store = inject(OperatorsStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly favourites = inject(FavouritesClient);
  private readonly newModeForm = viewChild<ModeForm>('newMode');

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly editing = signal<ModeDto | null>(null);
  protected readonly notice = signal<string | null>(null);
  /** The name of the favourite saved last from this page. */
  protected readonly savedName = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = operatorsErrorMessage;

  protected readonly add = createSubmission((request: CreateModeRequest) => this.store.createMode(request));
  protected readonly save = createSubmission((args: { id: string; request: CreateModeRequest }) =>
    this.store.updateMode(args.id, { shortDesc: args.request.shortDesc, longDesc: args.request.longDesc }),
  );
  protected readonly remove = createSubmission((id: string) => this.store.deleteMode(id));

  protected readonly addError = computed(() => this.messageOf(this.add.error()));
  protected readonly saveError = computed(() => this.messageOf(this.save.error()));
  protected readonly actionError = computed(() => this.messageOf(this.remove.error()));

  constructor() {
    this.store.queryModes();
  }

  protected async saveFavourite(): Promise<void> {
    const saved = await saveAsFavourite(this.dialog, this.favourites, { kind: 'modes', params: {} });
    if (saved) {
      this.savedName.set(saved.name);
    }
  }

  protected startEdit(mode: ModeDto): void {
    this.notice.set(null);
    this.save.clearError();
    this.editing.set(mode);
  }

  protected async create(request: CreateModeRequest): Promise<void> {
    this.notice.set(null);
    const result = await this.add.run(request);
    if (result.ok) {
      this.newModeForm()?.clear();
      this.notice.set(`Created mode ${result.value.id} (${result.value.shortDesc}).`);
    }
  }

  protected async update(mode: ModeDto, request: CreateModeRequest): Promise<void> {
    const result = await this.save.run({ id: mode.id, request });
    if (result.ok) {
      this.editing.set(null);
      this.notice.set(`Saved mode ${mode.id}.`);
    }
  }

  protected async delete(mode: ModeDto): Promise<void> {
    this.notice.set(null);
    const confirmed = await confirmAction(this.dialog, {
      title: `Delete mode ${mode.id} (${mode.shortDesc})?`,
      message: 'The mode disappears from the directory. A mode that an operator runs cannot be deleted.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    this.busyId.set(mode.id);
    const result = await this.remove.run(mode.id);
    this.busyId.set(null);
    if (result.ok) {
      this.editing.update((editing) => (editing?.id === mode.id ? null : editing));
      this.notice.set(`Deleted mode ${mode.id}.`);
    }
  }

  private messageOf(error: ApiError | null): string | null {
    return error ? operatorsErrorMessage(error) : null;
  }
}
