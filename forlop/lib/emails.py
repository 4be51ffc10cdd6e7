"""One way to write an email address, so the same person is found whatever case they typed."""


def normalise_email(email: str) -> str:
    """Strip the blanks around it and lower-case all of it ("  Kari@Eksempel.NO " -> "kari@eksempel.no").

    The local part is lower-cased too: RFC 5321 lets a server treat it as case-sensitive, but no mail service
    people use here does, and one person typing their address in two ways must stay one person. Forms,
    services and the data migration that links old rows to persons all use this function.
    """
    return email.strip().lower()
